/** IPv4 CIDR arithmetic for the create form's checks: which subnet overlaps, whether a gateway lies inside. */

function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** [first, last] address of an IPv4 CIDR as numbers; null for anything else (IPv6 subnets are not compared). */
export function ipv4Range(cidr: string): [number, number] | null {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const base = address === undefined ? null : ipv4ToNumber(address);
  if (base === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(base / size) * size;
  return [first, first + size - 1];
}

export function subnetsOverlap(a: string, b: string): boolean {
  const first = ipv4Range(a);
  const second = ipv4Range(b);
  if (!first || !second) return false;
  return first[0] <= second[1] && second[0] <= first[1];
}

/** Whether a gateway address is a usable host address of the subnet (not its network or broadcast address). */
export function gatewayInSubnet(gateway: string, subnet: string): boolean {
  const address = ipv4ToNumber(gateway);
  const range = ipv4Range(subnet);
  if (address === null || !range) return false;
  return address > range[0] && address < range[1];
}
