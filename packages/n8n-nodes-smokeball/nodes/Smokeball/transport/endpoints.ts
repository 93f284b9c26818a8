const seg = (id: string) => encodeURIComponent(id);

/** Every Smokeball path the nodes use, as the swagger names them. Ids are encoded here, never by operations. */
export const endpoints = {
	matters: () => '/matters',
	matter: (matterId: string) => `/matters/${seg(matterId)}`,
	matterStage: (matterId: string) => `/matters/${seg(matterId)}/stages`,
	matterStages: () => '/stages',
	memos: (matterId: string) => `/matters/${seg(matterId)}/memos`,
	memo: (matterId: string, id: string) => `/matters/${seg(matterId)}/memos/${seg(id)}`,
	fees: (matterId: string) => `/matters/${seg(matterId)}/fees`,
	fee: (matterId: string, id: string) => `/matters/${seg(matterId)}/fees/${seg(id)}`,
	expenses: (matterId: string) => `/matters/${seg(matterId)}/expenses`,
	expense: (matterId: string, id: string) => `/matters/${seg(matterId)}/expenses/${seg(id)}`,
	files: (matterId: string) => `/matters/${seg(matterId)}/documents/files`,
	file: (matterId: string, fileId: string) =>
		`/matters/${seg(matterId)}/documents/files/${seg(fileId)}`,
	fileDownload: (matterId: string, fileId: string) =>
		`/matters/${seg(matterId)}/documents/files/${seg(fileId)}/download`,
	fileUpload: (matterId: string, fileId: string) =>
		`/matters/${seg(matterId)}/documents/files/${seg(fileId)}/upload`,
	layoutDesigns: () => '/layouts',
	layoutDesign: (id: string) => `/layouts/${seg(id)}`,
	layoutItems: (matterId: string) => `/matters/${seg(matterId)}/layouts`,
	layoutItem: (matterId: string, itemId: string) =>
		`/matters/${seg(matterId)}/layouts/${seg(itemId)}`,
	portalMessages: (matterId: string) => `/matters/${seg(matterId)}/portal/messages`,
	contacts: () => '/contacts',
	contact: (id: string) => `/contacts/${seg(id)}`,
	referralTypes: () => '/referraltypes',
	staff: () => '/staff',
	matterTypes: () => '/mattertypes',
	matterType: (id: string) => `/mattertypes/${seg(id)}`,
	stageSet: (id: string) => `/stagesets/${seg(id)}`,
	webhooks: () => '/webhooks',
	webhook: (id: string) => `/webhooks/${seg(id)}`,
	webhookNotify: (id: string) => `/webhooks/${seg(id)}/notify`,
	webhookTypes: () => '/webhooks/types',
};
