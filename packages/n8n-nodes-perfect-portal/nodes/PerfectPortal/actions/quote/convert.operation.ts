import { convertOperation } from '../leadOperations';

const operation = convertOperation('quote');

export const description = operation.description;
export const execute = operation.execute;
