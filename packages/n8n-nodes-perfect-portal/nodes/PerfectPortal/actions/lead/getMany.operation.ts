import { getManyOperation } from '../leadOperations';

const operation = getManyOperation('enquiry');

export const description = operation.description;
export const execute = operation.execute;
