/**
 * Which addresses the laptop may talk to: the sync server is reached over https, because the
 * password and the tokens travel with every login and every request and anyone on the same Wi-Fi
 * could read them over plain http. Plain http is allowed only to this machine itself (loopback),
 * where nothing leaves the laptop (tests, a server run beside the app, a TLS proxy on the laptop).
 */

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for a host name that always means this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return LOOPBACK_NAMES.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** The host name of an http(s) address (without user info and port), or null when it has none. */
export function urlHost(url: string): { readonly scheme: 'http' | 'https'; readonly host: string } | null {
  const match = /^(https?):\/\/([^\s/?#]+)/i.exec(url.trim());
  if (!match?.[1] || !match[2]) return null;
  const authority = match[2].slice(match[2].lastIndexOf('@') + 1);
  const host = authority.startsWith('[')
    ? authority.slice(0, authority.indexOf(']') + 1)
    : (authority.split(':')[0] ?? '');
  if (!host) return null;
  return { scheme: match[1].toLowerCase() === 'https' ? 'https' : 'http', host };
}

export type ServerUrlProblem = 'invalid' | 'insecure-http';

/** Why a sync server address is refused, or null when it may be used. */
export function serverUrlProblem(url: string): ServerUrlProblem | null {
  const parsed = urlHost(url);
  if (!parsed) return 'invalid';
  if (parsed.scheme === 'http' && !isLoopbackHost(parsed.host)) return 'insecure-http';
  return null;
}

/** The same refusal in English, for the CLI and the logs. */
export const INSECURE_HTTP_MESSAGE =
  'Refusing a plain http:// server address: the password and the session tokens would travel unencrypted over the network. Use https:// (plain http is allowed only for this machine: localhost, 127.0.0.1, ::1).';
