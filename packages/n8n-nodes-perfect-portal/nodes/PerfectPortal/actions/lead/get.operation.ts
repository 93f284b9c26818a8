import { getOperation } from '../leadOperations';

const operation = getOperation('enquiry');

export const description = operation.description;
export const execute = operation.execute;
