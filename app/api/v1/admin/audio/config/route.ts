// PUT /api/v1/admin/audio/config – change the audio configuration (admin)
import { route } from '@/lib/http/route';
import { updateAudioConfig } from '@/lib/voice/audio-config';
import { updateAudioConfig as endpoint } from '@/lib/voice/endpoints';

export const PUT = route(endpoint, ({ ctx, body }) => updateAudioConfig(ctx, body));
