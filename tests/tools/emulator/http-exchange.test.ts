import { classifyNetworkError } from '../../../tools/emulator/http-exchange';

function errorWithCode(code: string | undefined): NodeJS.ErrnoException {
  return Object.assign(new Error(`failed with ${code}`), code === undefined ? {} : { code });
}

describe('classifyNetworkError', () => {
  it.each([
    ['ECONNREFUSED', 'connection-refused'],
    ['ENOTFOUND', 'dns-failure'],
    ['EAI_AGAIN', 'dns-failure'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'cert-untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'cert-untrusted'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'cert-untrusted'],
    ['CERT_HAS_EXPIRED', 'cert-expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'cert-wrong-host'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-handshake'],
    ['EPROTO', 'tls-handshake'],
    ['HPE_INVALID_CONSTANT', 'protocol-violation'],
    ['ECONNRESET', 'connection-failed'],
    ['EHOSTUNREACH', 'connection-failed'],
    [undefined, 'connection-failed'],
  ])('%s → %s', (code, mode) => {
    expect(classifyNetworkError(errorWithCode(code)).mode).toBe(mode);
  });
});
