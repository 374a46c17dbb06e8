import { describe, expect, it } from 'vitest';
import { familiarName, familiarRepository, parseImageReference } from '../../src/shared/imageReference';

const hex64 = '0123456789abcdef'.repeat(4);

function parsed(input: string) {
  const result = parseImageReference(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.problem}`);
  return result.reference;
}

function problem(input: string) {
  const result = parseImageReference(input);
  return result.ok ? null : result.problem;
}

describe('parseImageReference', () => {
  it('reads an official image as docker.io/library/NAME without a tag', () => {
    expect(parsed('redis')).toEqual({ domain: 'docker.io', path: 'library/redis', tag: null, digest: null });
    expect(parsed('hello-world')).toEqual({
      domain: 'docker.io',
      path: 'library/hello-world',
      tag: null,
      digest: null,
    });
  });

  it('reads tags, user repositories and nested paths', () => {
    expect(parsed('redis:7.2-alpine')).toMatchObject({ path: 'library/redis', tag: '7.2-alpine' });
    expect(parsed('bitnami/redis:7')).toEqual({ domain: 'docker.io', path: 'bitnami/redis', tag: '7', digest: null });
    expect(parsed('a/b/c')).toMatchObject({ domain: 'docker.io', path: 'a/b/c' });
    expect(parsed('docker.io/library/redis')).toMatchObject({ domain: 'docker.io', path: 'library/redis' });
  });

  it('treats a first part with a port, a dot or localhost as a registry', () => {
    expect(parsed('127.0.0.1:5000/library/redis:7')).toEqual({
      domain: '127.0.0.1:5000',
      path: 'library/redis',
      tag: '7',
      digest: null,
    });
    expect(parsed('localhost/foo')).toEqual({ domain: 'localhost', path: 'foo', tag: null, digest: null });
    expect(parsed('localhost:5000/foo:1')).toMatchObject({ domain: 'localhost:5000', path: 'foo', tag: '1' });
    expect(parsed('ghcr.io/owner/app')).toMatchObject({ domain: 'ghcr.io', path: 'owner/app' });
    expect(parsed('[::1]:5000/foo')).toMatchObject({ domain: '[::1]:5000', path: 'foo' });
  });

  it('reads "localhost:5000" alone as the image localhost with tag 5000, as Docker does', () => {
    expect(parsed('localhost:5000')).toEqual({
      domain: 'docker.io',
      path: 'library/localhost',
      tag: '5000',
      digest: null,
    });
  });

  it('reads digests, with or without a tag', () => {
    expect(parsed(`redis@sha256:${hex64}`)).toEqual({
      domain: 'docker.io',
      path: 'library/redis',
      tag: null,
      digest: `sha256:${hex64}`,
    });
    expect(parsed(`redis:7@sha256:${hex64}`)).toMatchObject({ tag: '7', digest: `sha256:${hex64}` });
  });

  it('trims surrounding whitespace', () => {
    expect(parsed('  redis  ')).toMatchObject({ path: 'library/redis' });
  });

  it('names the problem with a reference Docker refuses', () => {
    expect(problem('')).toBe('empty');
    expect(problem('   ')).toBe('empty');
    expect(problem('red is')).toBe('has-spaces');
    expect(problem('Redis')).toBe('uppercase');
    expect(problem('library/Redis')).toBe('uppercase');
    expect(problem('Redis:Latest!!')).toBe('invalid-tag');
    expect(problem('redis:')).toBe('invalid-tag');
    expect(problem('redis:.x')).toBe('invalid-tag');
    expect(problem('redis:-x')).toBe('invalid-tag');
    expect(problem('redis@')).toBe('invalid-digest');
    expect(problem('redis@sha256:abc')).toBe('invalid-digest');
    expect(problem('redis@md5')).toBe('invalid-digest');
    expect(problem('foo//bar')).toBe('invalid-name');
    expect(problem('foo/')).toBe('invalid-name');
    expect(problem('-foo')).toBe('invalid-name');
    expect(problem('foo___bar')).toBe('invalid-name');
    expect(problem('foo_')).toBe('invalid-name');
    expect(problem('example.com:notaport/foo')).toBe('invalid-name');
  });

  it('accepts the separators Docker accepts', () => {
    expect(problem('foo__bar')).toBeNull();
    expect(problem('foo--bar')).toBeNull();
    expect(problem('foo.bar_baz-qux')).toBeNull();
  });

  it('limits names to 255 characters and tags to 128', () => {
    expect(problem('a'.repeat(255))).toBeNull();
    expect(problem('a'.repeat(256))).toBe('too-long');
    expect(problem(`${'a'.repeat(256)}:latest`)).toBe('too-long');
    // The registry counts towards the 255 characters too.
    expect(problem(`registry.example.com/${'a'.repeat(240)}`)).toBe('too-long');
    expect(problem(`redis:${'a'.repeat(128)}`)).toBeNull();
    expect(problem(`redis:${'a'.repeat(129)}`)).toBe('invalid-tag');
  });

  // Known bugs, reported to the owner of src/shared/imageReference.ts: `docker` (20.10) refuses these
  // ("invalid checksum digest length" / "invalid checksum digest format"), the parser accepts them.
  it('refuses a sha256 digest that is not exactly 64 hex digits', () => {
    expect(problem(`redis@sha256:${'0123456789abcdef'.repeat(2)}`)).toBe('invalid-digest');
  });
  it('refuses a sha256 digest in uppercase hex', () => {
    expect(problem(`redis@sha256:${hex64.toUpperCase()}`)).toBe('invalid-digest');
  });
  // Docker normalizes docker.io/NAME to docker.io/library/NAME and index.docker.io to docker.io.
  it('normalizes docker.io/redis to library/redis', () => {
    expect(parsed('docker.io/redis')).toMatchObject({ domain: 'docker.io', path: 'library/redis' });
  });
  it('normalizes index.docker.io to docker.io', () => {
    expect(parsed('index.docker.io/library/redis')).toMatchObject({ domain: 'docker.io', path: 'library/redis' });
  });
});

describe('familiarName and familiarRepository', () => {
  it('gives the short form docker images shows, with :latest by default', () => {
    expect(familiarName(parsed('redis'))).toBe('redis:latest');
    expect(familiarName(parsed('hello-world'))).toBe('hello-world:latest');
    expect(familiarName(parsed('bitnami/redis:7'))).toBe('bitnami/redis:7');
    expect(familiarName(parsed('docker.io/library/redis:7'))).toBe('redis:7');
    expect(familiarName(parsed('127.0.0.1:5000/library/redis:7'))).toBe('127.0.0.1:5000/library/redis:7');
    expect(familiarName(parsed('localhost/foo'))).toBe('localhost/foo:latest');
  });

  it('keeps a digest, and the tag only when one was given', () => {
    expect(familiarName(parsed(`redis@sha256:${hex64}`))).toBe(`redis@sha256:${hex64}`);
    expect(familiarName(parsed(`redis:7@sha256:${hex64}`))).toBe(`redis:7@sha256:${hex64}`);
  });

  it('gives the repository without tag or digest', () => {
    expect(familiarRepository(parsed('redis:7'))).toBe('redis');
    expect(familiarRepository(parsed(`bitnami/redis@sha256:${hex64}`))).toBe('bitnami/redis');
    expect(familiarRepository(parsed('127.0.0.1:5000/library/redis:7'))).toBe('127.0.0.1:5000/library/redis');
  });
});
