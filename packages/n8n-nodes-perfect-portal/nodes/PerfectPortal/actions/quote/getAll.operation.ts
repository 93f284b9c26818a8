import { getAllOperation } from '../leadOperations';

const operation = getAllOperation('quote');

export const description = operation.description;
export const execute = operation.execute;
