import { getAllOperation } from '../leadOperations';

const operation = getAllOperation('enquiry');

export const description = operation.description;
export const execute = operation.execute;
