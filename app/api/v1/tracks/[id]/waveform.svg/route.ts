// GET /api/v1/tracks/:id/waveform.svg – a waveform image drawn from the peaks
import { route } from '@/lib/http/route';
import { waveform } from '@/lib/tracks/endpoints';
import { getWaveformSvg } from '@/lib/tracks/service';

export const GET = route(waveform, ({ ctx, params, query }) => getWaveformSvg(ctx, params.id, query));
