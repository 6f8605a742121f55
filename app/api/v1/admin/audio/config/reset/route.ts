// POST /api/v1/admin/audio/config/reset – restore the default audio configuration (admin)
import { route } from '@/lib/http/route';
import { resetAudioConfig } from '@/lib/voice/audio-config';
import { resetAudioConfig as endpoint } from '@/lib/voice/endpoints';

export const POST = route(endpoint, ({ ctx }) => resetAudioConfig(ctx));
