import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiBlob } from '../api/client';
import type { Media } from '../api/types';

/** A message's media, fetched through /api/media with the agent's token and shown from a blob URL. */
export function MediaView({ media, type }: { media: Media; type: string }) {
  const blob = useQuery({
    queryKey: ['media', media.id],
    queryFn: () => apiBlob(`/api/media/${encodeURIComponent(media.id!)}`),
    enabled: !!media.id,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob.data) return;
    const u = URL.createObjectURL(blob.data);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob.data]);

  if (blob.isError) return <div className="media-missing">[{type}{media.filename ? `: ${media.filename}` : ''} not available]</div>;
  if (!url) return <div className="media-loading">[{type} loading…]</div>;
  switch (type) {
    case 'image':
    case 'sticker':
      return <img className={`media ${type}`} src={url} alt={media.caption ?? type} />;
    case 'video':
      return <video className="media" src={url} controls />;
    case 'audio':
      return <audio src={url} controls />;
    default:
      return (
        <a className="document" href={url} download={media.filename ?? 'document'}>
          📄 {media.filename ?? 'document'}
        </a>
      );
  }
}
