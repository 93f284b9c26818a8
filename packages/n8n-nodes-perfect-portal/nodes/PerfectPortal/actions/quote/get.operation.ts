import { getOperation } from '../leadOperations';

const operation = getOperation('quote');

export const description = operation.description;
export const execute = operation.execute;
