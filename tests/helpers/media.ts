import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Width and height of a PNG, read from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function isJpeg(file: string): boolean {
  const bytes = fs.readFileSync(file);
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export interface VideoProbe {
  codec: string;
  frames: number;
  durationSeconds: number;
}

/** Reads a video back with ffprobe: it fails on a file no player could open. */
export function probeVideo(file: string): VideoProbe {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,nb_read_frames:format=duration', '-of', 'json', file],
    { encoding: 'utf8' },
  );
  const parsed = JSON.parse(out) as { streams: { codec_name: string; nb_read_frames: string }[]; format: { duration: string } };
  const stream = parsed.streams[0];
  if (!stream) throw new Error(`${file} has no video stream`);
  return { codec: stream.codec_name, frames: Number(stream.nb_read_frames), durationSeconds: Number(parsed.format.duration) };
}
