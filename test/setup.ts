import { Testing } from 'cdktf';

// Registers cdktf's Jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
Testing.setupJest();
