import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * Validation for every request body and query: unknown fields are rejected, values are
 * converted to the DTO's types, and a failure answers 400 naming each field and rule:
 * `{code: 'REQUEST.VALIDATION_FAILED', errors: [{field: 'items[0].deadline', rule: 'isDateOnly', message}]}`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors, '');
      return new BadRequestException({
        statusCode: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        message: fieldErrors.map((e) => e.message).join('; '),
        errors: fieldErrors,
      });
    },
  });
}

function flatten(errors: readonly ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = pathOf(prefix, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message: message.startsWith(error.property) ? `${field}${message.slice(error.property.length)}` : `${field}: ${message}`,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function pathOf(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}
