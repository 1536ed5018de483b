"""The vault service (`piivault vault serve`): the one process that holds the KEK and the master secret,
serving tokenize, detokenize and audit over HTTP(S) to callers bound to a role by a credential.

Modules, one concern each:
- `app` the HTTP contract (FastAPI) and how failures become answers without a value in them;
- `bodies` request bodies, read only after authentication, malformed ones described without their input;
- `credentials` API tokens: issued once, kept as a keyed hash, verified in constant time, revoked;
- `limits` ceilings per credential and purpose (tokens per request and per sliding window);
- `events` audit records of refused requests (401, 403, 429) and of shreds;
- `caller_routes`, `pipeline_routes`, `request_routes` the callers', the tokenize workers' and the
  privacy-request flows' routes;
- `serve` uvicorn around the app: host, port, TLS, one worker.
The embedded vault (`vault.store.Vault`) stays the other deployment shape; this package only adds a door.
"""
