import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { AssignUnitsRequest } from '../items/assign-units/assign-units.request.dto.js';
import { ReportProgressRequest } from '../items/report-progress/report-progress.request.dto.js';
import { needsConversion, Type } from './dto-transforms.js';
import { RequestValidationPipe } from './validation.js';

class Inner {
  @IsString()
  name!: string;
}

class Converted {
  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;
}

class ExtendsConverted extends Converted {
  @IsInt()
  count!: number;
}

class Copied {
  @IsString()
  name!: string;
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('Request bodies converted only when a DTO asks for it', () => {
  const pipe = new RequestValidationPipe();
  const body = (metatype: Function, value: unknown) => pipe.transform(value, { type: 'body', metatype: metatype as never, data: undefined });

  it('knows the DTOs with a converted field, theirs or an ancestor’s', () => {
    expect([needsConversion(Converted), needsConversion(ExtendsConverted), needsConversion(AssignUnitsRequest)]).toEqual([true, true, true]);
    expect([needsConversion(Copied), needsConversion(Inner), needsConversion(ReportProgressRequest)]).toEqual([false, false, false]);
  });

  it('gives a DTO without converted fields what plainToInstance gives, an instance of its class', () => {
    const value = { asOf: '2021-05-15', metrics: { cards_issued: 41_250 }, narrative: 'Tổ chức 12 điểm cấp CCCD lưu động' };
    const entity = body(ReportProgressRequest, { ...value, metrics: { ...value.metrics } });
    expect(entity).toBeInstanceOf(ReportProgressRequest);
    expect(entity).toEqual(plainToInstance(ReportProgressRequest, value));
  });

  it('still converts nested DTOs, and validates them', () => {
    const entity = body(Converted, { inner: { name: 'Rạch Giá' } }) as Converted;
    expect(entity.inner).toBeInstanceOf(Inner);
    expect(() => body(Converted, { inner: { name: 7 } })).toThrow();
    expect(() => body(Copied, { name: 'x', extra: true })).toThrow();
  });

  it('has every DTO take Type and Transform from dto-transforms, so that none is copied by mistake', () => {
    const importing = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .filter((path) => /from 'class-transformer'/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path))
      .sort();
    expect(importing).toEqual(['apps/api/src/http/dto-transforms.ts', 'apps/api/src/http/validation.ts']);
  });
});
