import { downloadBlob } from '../export/download';
/** A file's bytes as base64 (without the data-URL prefix), for the contract. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Offers bytes (base64) to the user as a download. */
export function downloadBase64(content: string, mimeType: string, fileName: string): void {
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  downloadBlob(new Blob([bytes], { type: mimeType }), fileName);
}

/** Renders an FTS snippet whose hits are wrapped in [[ ]] as text parts with the hits marked. */
export function snippetParts(snippet: string): Array<{ readonly text: string; readonly hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  const pattern = /\[\[(.*?)\]\]/gs;
  let last = 0;
  for (const match of snippet.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: snippet.slice(last, match.index), hit: false });
    parts.push({ text: match[1] ?? '', hit: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}
