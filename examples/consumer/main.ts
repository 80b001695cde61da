import { App } from 'cdktf';
import { PaymentsStack } from './payments-stack';

const app = new App();
new PaymentsStack(app, 'payments');
app.synth();
