import {
  applyDecorators,
  type ArgumentMetadata,
  Injectable,
  type PipeTransform,
  UsePipes,
} from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import type { FieldIssue, FieldRule } from '../../shared/domain.js';
import { invalid } from './errors.js';

/** "email: Invalid email address; displayName: Too big" — what a person needs to fix the request. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const path = i.path.join('.');
      if (i.code === 'unrecognized_keys')
        return `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`;
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** Zod's issue codes, reduced to the few rules a form tells people about. */
function ruleOf(issue: z.core.$ZodIssue): Pick<FieldIssue, 'rule' | 'limit'> {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? { rule: 'required' }
        : { rule: 'too_short', limit: Number(issue.minimum) };
    case 'too_big':
      return { rule: 'too_long', limit: Number(issue.maximum) };
    case 'invalid_format':
      return { rule: 'format' };
    default:
      return { rule: 'invalid' satisfies FieldRule };
  }
}

/** The fields a failed parse names, each with its rule, so a client can mark them (top-level keys first). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues
    .filter((i) => i.path.length > 0 && i.code !== 'unrecognized_keys')
    .slice(0, 20)
    .map((i) => ({ field: i.path.join('.'), ...ruleOf(i), message: i.message }));
}

/** The path of the first string holding a NUL character, which PostgreSQL refuses in text and jsonb. */
function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nulPath(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Parses a value with a shared schema or throws a 400 that says what is wrong. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const nul = nulPath(value, '');
  if (nul) throw invalid(`${nul}: must not contain NUL characters`);
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(describeZodError(result.error), fieldIssues(result.error));
  return result.data;
}

@Injectable()
class ZodPipe implements PipeTransform {
  constructor(
    private readonly schema: z.ZodType,
    private readonly target: ArgumentMetadata['type'],
  ) {}

  transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type !== this.target) return value;
    return parseOrThrow(this.schema, value ?? {});
  }
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** Validates the body with a schema from `shared/` and documents it in OpenAPI. */
export const ZodBody = (schema: z.ZodType) =>
  applyDecorators(ApiBody({ schema: jsonSchema(schema) }), UsePipes(new ZodPipe(schema, 'body')));

/** Validates the query string with a schema from `shared/`. */
export const ZodQuery = (schema: z.ZodObject) =>
  applyDecorators(
    ...Object.keys(schema.shape).map((name) => ApiQuery({ name, required: false })),
    UsePipes(new ZodPipe(schema, 'query')),
  );
