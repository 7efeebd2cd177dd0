// A visitor's IP address is kept only as a salted SHA-256 hash: enough to recognise a blocked address
// again, not to recover it. The salt is ATIENDE_IP_SALT, or one made on first start and kept in DATA_DIR.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type IpHasher = (ip: string) => string;

export function ipHasher(dataDir: string, configured: string | undefined): IpHasher {
  const salt = configured ?? storedSalt(join(dataDir, 'ip-salt'));
  return (ip) => createHash('sha256').update(salt).update('\0').update(ip).digest('hex');
}

function storedSalt(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const salt = randomBytes(32).toString('base64url');
    // wx: if another process made it first, read theirs.
    try {
      writeFileSync(file, salt, { flag: 'wx', mode: 0o600 });
      return salt;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
