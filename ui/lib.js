// One place that binds htm to Preact; pages import html and the hooks from here.
import { h, render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);
export { render, useCallback, useEffect, useMemo, useRef, useState };

export const go = (hash) => {
  location.hash = hash;
};
