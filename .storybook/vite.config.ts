/**
 * Storybook's own (empty) Vite config. `main.ts` points the builder here so that Storybook does
 * not load the project's `vite.config.ts`, which is the library build. Storybook's settings live
 * in `viteFinal` in `main.ts`, not here.
 */
export default {};
