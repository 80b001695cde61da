import { TerraformStack } from 'cdktf';
import { checkShape, shape } from './shape';
import { PropsValidator } from './validation';

/**
 * The oldest Terraform the library's output is meant for: 1.10 brought the S3
 * backend's native state locking (`use_lockfile`), which an older Terraform
 * refuses as an unsupported argument at `terraform init`.
 */
export const MINIMUM_TERRAFORM_VERSION = '1.10.0';

const ONE_CONSTRAINT = String.raw`\s*(=|!=|>=|<=|>|<|~>)?\s*\d+(\.\d+){0,2}(-[0-9A-Za-z.]+)?\s*`;
const VERSION_CONSTRAINT = new RegExp(`^${ONE_CONSTRAINT}(,${ONE_CONSTRAINT})*$`);

/**
 * Writes `terraform.required_version` into the stack, so an older Terraform
 * stops at `init` with a clear message instead of failing on an argument it
 * does not know. @param constraint a Terraform version constraint. @default `>= 1.10.0`
 */
export function requireTerraformVersion(stack: TerraformStack, constraint = `>= ${MINIMUM_TERRAFORM_VERSION}`): void {
  checkShape(stack, 'constraint', constraint, shape.string);
  new PropsValidator(stack).matches('constraint', constraint, VERSION_CONSTRAINT, 'must be a Terraform version constraint such as ">= 1.10.0" or "~> 1.11"').throwIfInvalid();
  stack.addOverride('terraform.required_version', constraint);
  const fixed = constraints.has(stack);
  constraints.set(stack, constraint);
  if (fixed) return;
  // cdktf 0.21's HCL renderer (`cdktf synth --hcl`) writes the terraform block's
  // other attributes as their list positions (`0 = "required_version"`), which no
  // HCL parser reads: put the attribute and its value back in its place.
  const render = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const out = render();
    const line = /^(\s*)\d+ = "required_version"$/m;
    return { ...out, hcl: out.hcl.replace(line, (_: string, indent: string) => `${indent}required_version = ${JSON.stringify(constraints.get(stack))}`) };
  };
}

const constraints = new WeakMap<TerraformStack, string>();
