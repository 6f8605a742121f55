// GET /api/v1/audio/config – the audio configuration for calls (codec, rates, ICE servers)
import { route } from '@/lib/http/route';
import { getAudioConfig } from '@/lib/voice/audio-config';
import { audioConfig } from '@/lib/voice/endpoints';

export const GET = route(audioConfig, ({ ctx }) => getAudioConfig(ctx.db));
