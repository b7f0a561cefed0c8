/** Jest setup: an app declared by one test does not collect the mistakes of values made in the next. */
import { closeAllCollectors } from '../../src/core';

afterEach(() => closeAllCollectors());
