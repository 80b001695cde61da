import { synthesizeStack } from '../../modules/core/terraform-json';
import { benchStack, measureRouting } from '../../bench/routing';

test('the routing bench builds its stack and reports both figures', () => {
  const json = JSON.parse(JSON.stringify(synthesizeStack(benchStack(1)))) as object;
  const figures = measureRouting(json);
  expect(figures).toEqual({
    resources: 26,
    modelBuildColdMs: expect.any(Number),
    modelBuildMs: expect.any(Number),
    authorizeMs: expect.any(Number),
    simulateMs: expect.any(Number),
    hops: 13,
  });
});
