import { App } from 'cdktf';
import { ENVIRONMENTS } from './stacks/environments';
import { OrdersStack } from './stacks/orders-stack';

const app = new App();
for (const settings of ENVIRONMENTS) new OrdersStack(app, settings);
app.synth();
