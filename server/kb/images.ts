// Images in articles: uploaded by editors, checked by their bytes (not their name or declared type),
// stored once per content under DATA_DIR/kb-images/<sha256>.<ext> and served from /kb-images/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AtiendeError } from '../errors.ts';

export const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
export const IMAGE_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

export const imagesDir = (dataDir: string) => join(dataDir, 'kb-images');

export async function storeImage(dataDir: string, bytes: Buffer): Promise<{ url: string; type: string; bytes: number }> {
  const detected = await fileTypeFromBuffer(bytes);
  const ext = detected && Object.keys(IMAGE_TYPES).find((e) => IMAGE_TYPES[e] === detected.mime);
  if (!ext) {
    throw new AtiendeError(
      'ATIENDE_ERR_UNSUPPORTED_TYPE', 415,
      `Only PNG, JPEG, GIF and WebP images can be uploaded${detected ? `; this file is ${detected.mime}` : '; this file is not an image we recognise'}`,
      'file',
    );
  }
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
  const dir = imagesDir(dataDir);
  const file = join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  }
  return { url: `/kb-images/${name}`, type: IMAGE_TYPES[ext]!, bytes: bytes.length };
}
