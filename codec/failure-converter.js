// The failure converter every worker and workflow bundle loads by path (DataConverter's
// failureConverterPath; the workflow sandbox cannot take an instance). Plain CommonJS so that
// Node's own require() and the workflow bundler both load it without a TypeScript loader.
// encodeCommonAttributes moves failure messages and stack traces into a payload, which the
// payload codec then encrypts: an error that quotes a candidate's data stays private too.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
