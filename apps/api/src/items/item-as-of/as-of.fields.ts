import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { isCalendarDate } from '#directives';
import { KNOWLEDGE_MODES, type AsOf, type Knowledge } from '#audit';
import { EnumField } from '../../http/dto-fields.js';
import { rule } from '../../http/validators.js';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const EXAMPLE = '2021-05-15T18:00:00+07:00';

function dateTimeProblem(value: unknown, required: boolean): string | undefined {
  if (value === undefined || value === null) return required ? 'is required' : undefined;
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m || !isCalendarDate(m[1]!)) return `must be an ISO 8601 date-time with a time zone, e.g. ${EXAMPLE}`;
  return undefined;
}

/**
 * An instant as an ISO 8601 date-time with its zone (`Z` or an offset: a date alone would leave
 * the zone to guess, and deadlines are in +07). Normalised to UTC by `instantOf` after validation.
 */
export const InstantField = (d: { description: string; optional?: boolean }) =>
  applyDecorators(
    (d.optional ? ApiPropertyOptional : ApiProperty)({ type: String, format: 'date-time', description: d.description, example: EXAMPLE }),
    rule('isDateTime', (v) => dateTimeProblem(v, !d.optional)),
  );

/** `knowledge`: what the answer knows about the instant (`recorded`, the default, or `current`). */
export const KnowledgeField = () =>
  EnumField(KNOWLEDGE_MODES, {
    optional: true,
    description: '`recorded` (default): what was recorded by asOf, as it was seen then. `current`: what is known now about asOf — later corrections and late reports about dates up to asOf applied',
    example: 'recorded',
  });

/** Exactly one of this property and `other`: both given, or neither, is a 400 naming both. */
export function ExactlyOneWith(other: string): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: object.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: {
        message: (args: ValidationArguments) =>
          args.value === undefined
            ? `${args.property} or ${other} is required (exactly one of them)`
            : `${args.property} must not be given together with ${other} (exactly one of them)`,
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => (value === undefined) !== ((args.object as Record<string, unknown>)[other] === undefined),
      },
    });
}

/** The property is only meaningful beside `other`: given without it, a 400 naming both. */
export function OnlyWith(other: string): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyWith',
      target: object.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property is given only with ${other}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value === undefined || (args.object as Record<string, unknown>)[other] !== undefined,
      },
    });
}

/** A validated instant in the UTC form events are recorded in, so that it compares with `recordedAt` as a string. */
export const instantOf = (value: string): string => new Date(value).toISOString();

export const asOfOf = (at: string, knowledge: Knowledge | undefined): AsOf => ({ at: instantOf(at), knowledge: knowledge ?? 'recorded' });
