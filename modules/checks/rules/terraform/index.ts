/** The rules on the Terraform configuration (references, settings): every rule exported here is in the pack. */
export * from './modules-and-data';
export * from './no-reference-cycles';
export * from './references-declared';
export * from './values-evaluated';
export * from './allowed-accounts';
export * from './remote-state';
export * from './unique-names';
