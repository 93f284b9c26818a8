import { convertOperation } from '../leadOperations';

const operation = convertOperation('enquiry');

export const description = operation.description;
export const execute = operation.execute;
