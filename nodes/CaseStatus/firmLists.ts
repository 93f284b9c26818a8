import type { RequestContext } from '../shared/http';
import { collect } from '../shared/paging';
import { caseStatusList, endpoints } from './transport';

export interface NamedOption {
	id: number;
	display_name: string;
	integration_mappings?: string[];
	position?: number;
}

export interface User {
	id: number;
	email: string;
	first_name: string;
	last_name: string;
	role: string;
	active: boolean;
}

/** The firm's configuration a write is checked against. Read once per execution, not once per item. */
export interface FirmConfig {
	stages: NamedOption[];
	practiceAreas: NamedOption[];
	/** Active users by lower-case email. */
	users: Map<string, User>;
	/** Emails of inactive users, so a refusal can say "inactive" rather than "unknown". */
	inactiveUsers: Set<string>;
}

const cache = new WeakMap<object, Promise<FirmConfig>>();

export function firmConfig(ctx: RequestContext): Promise<FirmConfig> {
	let pending = cache.get(ctx);
	if (!pending) {
		pending = (async () => {
			const [stages, practiceAreas, users] = await Promise.all([
				collect(caseStatusList<NamedOption>(ctx, endpoints.stages())),
				collect(caseStatusList<NamedOption>(ctx, endpoints.practiceAreas())),
				collect(caseStatusList<User>(ctx, endpoints.users())),
			]);
			stages.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
			return {
				stages,
				practiceAreas,
				users: new Map(users.filter((u) => u.active).map((u) => [u.email.toLowerCase(), u])),
				inactiveUsers: new Set(users.filter((u) => !u.active).map((u) => u.email.toLowerCase())),
			};
		})();
		// A failed read must not be remembered for the rest of the execution.
		pending.catch(() => cache.delete(ctx));
		cache.set(ctx, pending);
	}
	return pending;
}

/**
 * The names Case Status accepts for a stage or practice area, byte-exact: each display name and each of its
 * integration mappings, pointing at the display name.
 */
export function acceptedNames(options: NamedOption[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const o of options) {
		names.set(o.display_name, o.display_name);
		for (const alias of o.integration_mappings ?? []) names.set(alias, o.display_name);
	}
	return names;
}
