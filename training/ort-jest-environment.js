/**
 * Jest runs each spec in its own VM realm, so a Float32Array made there is not `instanceof` the
 * host's Float32Array that onnxruntime-node's native binding produces and checks for
 * ("A float32 tensor's data must be type of function Float32Array"). Sharing the host's typed
 * array constructors with the sandbox makes both sides agree.
 */
const { TestEnvironment } = require('jest-environment-node');

const SHARED = ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer'];

class OrtEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OrtEnvironment;
