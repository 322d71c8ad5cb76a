// The browser tests that need Lit's development build (its dev-mode warnings), in a run of their
// own: the main run resolves `lit` to the production build, as a host's bundler does.
import config from './web-test-runner.config.mjs';

export default {
  ...config,
  files: ['test/lit-dev/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
};
