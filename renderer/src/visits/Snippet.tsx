import { snippetParts } from './files';

/** A search hit in its context, the matched words marked. */
export function Snippet({ text }: { readonly text: string }) {
  return (
    <span>
      {snippetParts(text).map((part, index) =>
        part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}
