/** CIDR blocks and IP addresses for the `cidr` operator (IPv4 and IPv6). */

/** An address as 16-bit groups: 2 for IPv4, 8 for IPv6. */
type Groups = number[];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): Groups | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const bytes = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (bytes.some((b) => b > 255)) return undefined;
  return [(bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]];
}

function parseIpv6(text: string): Groups | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseSide = (side: string, allowIpv4Tail: boolean): Groups | undefined => {
    if (side === '') return [];
    const pieces = side.split(':');
    const groups: Groups = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (allowIpv4Tail && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return undefined;
        groups.push(...v4);
      } else if (HEX_GROUP.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  if (halves.length === 1) {
    const groups = parseSide(text, true);
    return groups && groups.length === 8 ? groups : undefined;
  }
  const left = parseSide(halves[0], false);
  const right = parseSide(halves[1], true);
  if (!left || !right || left.length + right.length > 7) return undefined;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** Parses an IPv4 or IPv6 address string into 16-bit groups; `undefined` if it is neither. */
export function parseIpAddress(text: string): Groups | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/** A parsed CIDR block. */
export interface CidrBlock {
  /** Network address groups with host bits cleared. */
  readonly network: readonly number[];
  /** Per-group masks. */
  readonly masks: readonly number[];
}

/**
 * Parses a CIDR block, or returns the reason AWS gives for refusing it. Host bits set in the base
 * address are ignored (`10.0.0.1/24` is `10.0.0.0/24`), as event-ruler does.
 */
export function parseCidr(text: string): CidrBlock | string {
  const pieces = text.split('/');
  if (pieces.length !== 2) return "Malformed CIDR, one '/' required";
  if (!/^\d+$/.test(pieces[1])) return 'Malformed CIDR, mask bits must be an integer';
  const address = parseIpAddress(pieces[0]);
  if (!address) return `Nonstandard IP address: ${pieces[0]}`;
  const bits = Number(pieces[1]);
  const width = address.length * 16;
  if (bits > width) return `Malformed CIDR, mask bits must be between 0 and ${width}`;
  const masks = address.map((_, i) => {
    const inGroup = Math.max(0, Math.min(16, bits - i * 16));
    return inGroup === 0 ? 0 : (0xffff << (16 - inGroup)) & 0xffff;
  });
  return { network: address.map((g, i) => g & masks[i]), masks };
}

/** Compiles a CIDR block into a predicate on address strings (of the same IP version). */
export function cidrMatcher(block: CidrBlock): (value: string) => boolean {
  const { network, masks } = block;
  const size = network.length;
  return (value) => {
    const address = parseIpAddress(value);
    if (!address || address.length !== size) return false;
    for (let i = 0; i < size; i++) if ((address[i] & masks[i]) !== network[i]) return false;
    return true;
  };
}
