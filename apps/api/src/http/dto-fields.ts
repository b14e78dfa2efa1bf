import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import { IsDateOnly, IsOneOf, IsSlug, IsText, SLUG } from './validators.js';

interface FieldDoc {
  readonly description?: string;
  readonly example?: unknown;
  readonly optional?: boolean;
}

const doc = (d: FieldDoc, extra: Record<string, unknown>) =>
  d.optional ? ApiPropertyOptional({ ...extra, description: d.description, example: d.example }) : ApiProperty({ ...extra, description: d.description, example: d.example });

const optional = (d: FieldDoc) => (d.optional ? [IsOptional()] : []);

/** Free text of at most `max` characters that is not blank. */
export const TextField = (max: number, d: FieldDoc = {}) => applyDecorators(doc(d, { type: String, maxLength: max }), ...optional(d), IsText(max));

/** A calendar date in +07, `YYYY-MM-DD`. */
export const DateField = (d: FieldDoc = {}) => applyDecorators(doc(d, { type: String, format: 'date' }), ...optional(d), IsDateOnly());

/** A kebab-case id of a unit, group or directive. */
export const SlugField = (d: FieldDoc = {}) =>
  applyDecorators(doc(d, { type: String, pattern: SLUG.source, maxLength: 64 }), ...optional(d), IsSlug());

export const EnumField = <T extends string>(values: readonly T[], d: FieldDoc = {}) =>
  applyDecorators(doc(d, { enum: values }), ...optional(d), IsOneOf(values));

/** Refuses the property when `other` is given too: exactly one of two alternatives. */
export function NotWith(other: string): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notWith',
      target: object.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property must not be given together with ${other}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || (args.object as Record<string, unknown>)[other] === undefined,
      },
    });
}
