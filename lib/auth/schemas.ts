import { z } from 'zod';
import { roles } from '@/db/schema/users';
import { emailSchema, passwordSchema, usernameSchema } from '../users/schemas';

export const registerSchema = z
  .object({
    username: usernameSchema,
    email: emailSchema,
    password: passwordSchema,
    first_name: z.string().trim().max(100).optional(),
    last_name: z.string().trim().max(100).optional(),
  })
  .strict();
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z
  .object({
    email: z.string().trim().min(1, 'required').max(255),
    password: z.string().min(1, 'required').max(128),
  })
  .strict();
export type LoginInput = z.infer<typeof loginSchema>;

export const refreshSchema = z.object({ refresh_token: z.string().min(1).max(200) }).strict();
export type RefreshInput = z.infer<typeof refreshSchema>;

export const logoutSchema = z.object({ refresh_token: z.string().min(1).max(200).optional() }).strict();
export type LogoutInput = z.infer<typeof logoutSchema>;

export const registeredSchema = z.object({ user_id: z.number().int(), username: z.string(), email: z.string() });

export const tokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ description: 'Seconds until the access token expires' }),
  })
  .meta({ id: 'TokenPair' });
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const loginResultSchema = tokenPairSchema
  .extend({
    user: z.object({ id: z.number().int(), username: z.string(), email: z.string(), role: z.enum(roles) }),
  })
  .meta({ id: 'LoginResult' });
export type LoginResult = z.infer<typeof loginResultSchema>;
