import { getManyOperation } from '../leadOperations';

const operation = getManyOperation('quote');

export const description = operation.description;
export const execute = operation.execute;
