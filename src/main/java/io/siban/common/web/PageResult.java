package io.siban.common.web;

import java.util.List;

/** One page of a listing; {@code page} counts from 0. */
public record PageResult<T>(List<T> items, int page, int size, long total) {
}
