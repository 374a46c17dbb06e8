import { describe, expect, it } from 'vitest';
import { en } from '../../../src/shared/i18n/en';
import { ko } from '../../../src/shared/i18n/ko';
import { catalogLeaves } from './catalogLeaves';

/**
 * The terms ../shared/glossary-ko.md replaces, and what it says instead. A rule's `allowed` phrases
 * are taken out of a value before `forbidden` is looked for, so "Engine API" (the API's own name) or
 * "도커 서버(데몬)" (the glossary's own form) never count.
 */
interface TermRule {
  forbidden: RegExp;
  preferred: string;
  allowed?: RegExp[];
}

/** Programs a person installs keep their Latin names (the glossary's first paragraph). */
const programNames = /Docker (Desktop|Engine)\b|Dockerfile/g;

const koRules: TermRule[] = [
  // "The daemon has one name": 도커 서버(데몬) the first time, 도커 서버 after; never 엔진.
  { forbidden: /도커 엔진|Docker 엔진/, preferred: '도커 서버' },
  { forbidden: /엔진/, preferred: '도커 서버 ("Engine API" stays Latin, as the API is named)' },
  { forbidden: /데몬/, allowed: [/도커 서버 ?\(데몬\)/g], preferred: '도커 서버(데몬), or 도커 서버 after it' },
  // "In Korean text, Docker the concept is 도커 (도커 서버, 도커 클라이언트, 도커 허브)."
  { forbidden: /Docker/, allowed: [programNames], preferred: '도커 (program names stay Latin)' },
  { forbidden: /독커/, preferred: '도커' },
  { forbidden: /허브/, allowed: [/도커 허브/g], preferred: '도커 허브' },
  // pull → 이미지 받기 (pull): the CLI word only in brackets, or in the command itself.
  { forbidden: /\bpull\b/i, allowed: [/\(pull\)/g, /docker pull/g], preferred: '이미지 받기 (pull)' },
  { forbidden: /이미지 풀|풀링|풀 받기|풀하/, preferred: '이미지 받기' },
  // start / stop / restart / pause / remove → 시작 / 중지 / 다시 시작 / 일시 정지 / 삭제
  { forbidden: /제거/, preferred: '삭제' },
  { forbidden: /재시작|재실행/, preferred: '다시 시작' },
  { forbidden: /일시 ?중지|일시정지/, preferred: '일시 정지' },
  { forbidden: /정지/, allowed: [/일시 정지/g], preferred: '중지 (일시 정지 for pause)' },
  { forbidden: /종료코드|종료 상태|반환 코드|exit code/i, preferred: '종료 코드' },
  { forbidden: /(?<!종료 )코드 \{\{code/, preferred: '종료 코드 {{code}}' },
  // Particles after a number are chosen in code ({{code, 으로}}), never left as (으)로.
  { forbidden: /\((으|이|을|은|와|과)\)|\((를|는|가|랑)\)/, preferred: 'a particle chosen in code, or a rewording' },
  { forbidden: /설치 ?관리자|인스톨러/, preferred: '설치 프로그램' },
  { forbidden: /의존성/, preferred: '종속성' },
  { forbidden: /환경변수/, preferred: '환경 변수' },
  { forbidden: /커맨드|명령(?!어)/, preferred: '명령어' },
  { forbidden: /자원 사용량/, preferred: '리소스 사용량' },
  { forbidden: /로컬 캐시|이미지 캐시\(/, preferred: '이미지 캐시 (로컬 보관소), written as the glossary writes it' },
  { forbidden: /받기\(pull\)|받고\(pull\)/, preferred: '이미지 받기 (pull), written as the glossary writes it' },
  { forbidden: /Compose/, preferred: '컴포즈 (`docker compose` stays Latin)' },
  { forbidden: /환경 ?설정/, preferred: '설정' },
];

const enRules: TermRule[] = [
  // "engine" appears only in the API's own words (Engine API), and in the product Docker Engine.
  { forbidden: /engine/i, allowed: [/Engine API/g, programNames], preferred: 'Docker server' },
  { forbidden: /daemon/i, allowed: [/Docker server \(daemon\)/g], preferred: 'Docker server (daemon)' },
  { forbidden: /\bdelet/i, preferred: 'remove' },
  { forbidden: /exit status|return code|exit value/i, preferred: 'exit code' },
  { forbidden: /Docker ?hub|DockerHub|docker Hub/, preferred: 'Docker Hub' },
  { forbidden: /\benv vars?\b/i, preferred: 'environment variable' },
  { forbidden: /\blocal cache\b/i, preferred: 'local image cache' },
];

/** Each use of a term the glossary replaces, as "key: "value" → preferred". */
function violations(catalog: object, rules: TermRule[]): string[] {
  const found: string[] = [];
  for (const [key, value] of catalogLeaves(catalog)) {
    const text = String(value);
    for (const rule of rules) {
      const rest = (rule.allowed ?? []).reduce((remaining, allowed) => remaining.replace(allowed, ' '), text);
      const match = rule.forbidden.exec(rest);
      if (match) found.push(`${key}: "${match[0]}" in "${text}" → ${rule.preferred}`);
    }
  }
  return found;
}

describe('the catalogs use the glossary’s terms', () => {
  it('Korean: one name for the daemon, 도커 for Docker, and every glossary row', () => {
    expect(violations(ko, koRules)).toEqual([]);
  });

  it('English: "Docker server (daemon)", "engine" only in Engine API, and every glossary row', () => {
    expect(violations(en, enRules)).toEqual([]);
  });

  it('catch each replaced term (the rules themselves)', () => {
    const sample = (text: string, rules: TermRule[]) => violations({ text }, rules).length;
    expect(sample('엔진 실행 중', koRules)).toBeGreaterThan(0);
    expect(sample('도커 엔진 (데몬)', koRules)).toBeGreaterThan(0);
    expect(sample('엔진(데몬)', koRules)).toBeGreaterThan(0);
    expect(sample('데몬이 요청을 받아요', koRules)).toBeGreaterThan(0);
    expect(sample('Docker는 설치되어 있어요', koRules)).toBeGreaterThan(0);
    expect(sample('이미지를 제거할까요?', koRules)).toBeGreaterThan(0);
    expect(sample('종료 코드 {{code}}(으)로 끝남', koRules)).toBeGreaterThan(0);
    expect(sample('Docker Hub에서 받기', koRules)).toBeGreaterThan(0);
    expect(sample('Engine running', enRules)).toBeGreaterThan(0);
    expect(sample('The daemon does the work', enRules)).toBeGreaterThan(0);
    expect(sample('It will be deleted', enRules)).toBeGreaterThan(0);

    expect(sample('도커 서버(데몬)가 Engine API로 응답해요. Docker Desktop을 실행하세요.', koRules)).toBe(0);
    expect(sample('이미지 받기 (pull): docker pull redis', koRules)).toBe(0);
    expect(sample('일시 정지 · 다시 시작 · 삭제', koRules)).toBe(0);
    expect(sample('The Docker server (daemon) speaks the Engine API; install Docker Engine.', enRules)).toBe(0);
  });
});
