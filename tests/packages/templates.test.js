// The six service packages installed together into a fresh real n8n run the templates' service-package copy
// (build/packages/workflows: node types n8n-nodes-casepeer.casePeer, …). The tests are the full pack's own template
// tests, unchanged: the nightly sync and the message relay (CASEpeer ↔ Case Status) and the converted lead → matter
// (Perfect Portal ↔ Smokeball), each asserting the same end state in the sandbox.
const { useServicePackages } = require('../helpers/e2e');
const { requireTests } = require('../helpers/select-tests');

useServicePackages();
requireTests(require.resolve('../e2e/casepeer-case-status.test'), [/^nightly sync:/, /^message relay:/]);
requireTests(require.resolve('../e2e/perfect-portal-smokeball.test'), [/^convert lead:/]);
