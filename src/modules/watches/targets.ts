import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where webhooks may be sent: loopback always (a receiver beside the service), and what the
 * operator allows in WEBHOOK_ALLOW, a comma-separated list of host names (`hooks.example.org`,
 * `*.example.org` for its subdomains), addresses (`203.0.113.7`, `2001:db8::7`) and networks
 * (`203.0.113.0/24`). A name not listed is followed to its addresses, and every one must be
 * allowed: a watch cannot reach the service's own network by a name that resolves into it.
 */
export interface TargetPolicy {
  /** Whether a host name is allowed by name. */
  allowsName(host: string): boolean;
  /** Whether an address (from a URL or from the resolver) is allowed. */
  allowsAddress(address: string): boolean;
  /** What is allowed, in words, for error messages. */
  describe(): string;
}

export function targetPolicy(allow: readonly string[]): TargetPolicy {
  const addresses = new BlockList();
  addresses.addSubnet('127.0.0.0', 8, 'ipv4');
  addresses.addAddress('::1', 'ipv6');
  const names: string[] = [];
  const suffixes: string[] = [];
  for (const raw of allow) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [base, bits] = entry.split('/');
    const family = isIP(base ?? '');
    if (family !== 0) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) addresses.addAddress(base as string, type);
      else addresses.addSubnet(base as string, Number(bits), type);
    } else if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
    else names.push(entry);
  }
  const allowsAddress = (address: string) => {
    // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
    const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
    if (mapped) return addresses.check(mapped, 'ipv4');
    const family = isIP(address);
    return family !== 0 && addresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return {
    allowsName: (host) => {
      const name = host.toLowerCase().replace(/\.$/, '');
      return names.includes(name) || suffixes.some((suffix) => name.endsWith(suffix));
    },
    allowsAddress,
    describe: () => ['loopback (127.0.0.0/8, ::1)', ...allow.map((a) => a.trim()).filter(Boolean)].join(', '),
  };
}

/** Reads WEBHOOK_ALLOW; a bad entry stops the start with a message naming it. */
export function parseAllowList(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [base, bits, extra] = entry.split('/');
    const family = isIP(base ?? '');
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    const validName = family === 0 && bits === undefined && /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry);
    if (extra !== undefined || (family === 0 && !validName) || (family !== 0 && !validBits)) {
      throw new Error(`'${entry}' is not a host name, an address or a network such as 203.0.113.0/24`);
    }
  }
  return entries;
}

/** Why a URL cannot be a webhook target, or undefined when it can (its host allowed by name or all its addresses allowed). */
export async function refusedTarget(policy: TargetPolicy, url: URL): Promise<string | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password (the signature proves the sender)';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.allowsName(host)) return undefined;
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))))).map((a) => a.address);
    } catch {
      return `its host '${host}' does not resolve`;
    }
  }
  const denied = addresses.find((address) => !policy.allowsAddress(address));
  return denied === undefined ? undefined : `its host '${host}' ${isIP(host) ? 'is' : `resolves to ${denied}, which is`} not an allowed target; allowed: ${policy.describe()} (set WEBHOOK_ALLOW)`;
}

/**
 * A resolver for the delivery's connection that refuses an address the policy does not allow,
 * checked at the moment of connecting: a name that pointed somewhere allowed when the watch was
 * made and has since been pointed inside the network is refused then.
 */
export function guardedLookup(policy: TargetPolicy, host: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const denied = policy.allowsName(host) ? undefined : found.find((a) => !policy.allowsAddress(a.address));
      if (denied) return callback(Object.assign(new Error(`${hostname} resolves to ${denied.address}, which is not an allowed target`), { code: 'EFORBIDDENTARGET' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      const first = found[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}
