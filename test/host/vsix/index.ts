/**
 * The mocha entry point of the `.vsix` smoke test (`npm run test:host -- --vsix`): the same runner
 * as the suite's, over the `*.test.js` files built beside this file.
 */
export { run } from '../suite/index';
