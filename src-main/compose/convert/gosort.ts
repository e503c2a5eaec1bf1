// Go's sort order, reproduced where docker's output order depends on it.
//
// docker/cli sorts ports (and networks) with sort.Slice, which is NOT stable:
// for equal keys the result is whatever Go 1.19's pattern-defeating quicksort
// (the docker.io 20.10.24 client is built with go1.19) leaves. Up to 12
// elements that is an insertion sort, i.e. stable; beyond that only a faithful
// copy of the algorithm gives the same order. goSortSlice is that copy
// (sort/zsortfunc.go, pdqsort_func and helpers), driven through less/swap on
// indices exactly like the Go code. Stable sorts (sort.SliceStable) are
// deterministic by definition, so goSortStable uses Array.prototype.sort.

/** Go string comparison: byte-wise UTF-8, which is Unicode code point order. */
export function goCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) {
      // UTF-16 code units order differently from code points only around
      // surrogates; comparing code points there gives UTF-8 byte order.
      const cx = a.codePointAt(i) as number
      const cy = b.codePointAt(i) as number
      return cx < cy ? -1 : cx > cy ? 1 : 0
    }
  }
  return a.length - b.length
}

/** sort.Strings / sort.SliceStable with a string key: a sorted copy. */
export function goSortStrings(list: string[]): string[] {
  return [...list].sort(goCompare)
}

/** sort.SliceStable: in place, equal elements keep their order. */
export function goSortStable<T>(list: T[], less: (a: T, b: T) => boolean): T[] {
  return list.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0))
}

/** sort.Slice (Go 1.19 pdqsort): in place, same order as Go for equal elements. */
export function goSortSlice<T>(list: T[], less: (a: T, b: T) => boolean): T[] {
  const data: LessSwap = {
    less: (i, j) => less(list[i], list[j]),
    swap: (i, j) => {
      const t = list[i]
      list[i] = list[j]
      list[j] = t
    }
  }
  const length = list.length
  pdqsort(data, 0, length, bitsLen(length))
  return list
}

interface LessSwap {
  less(i: number, j: number): boolean
  swap(i: number, j: number): void
}

const enum Hint {
  Unknown,
  Increasing,
  Decreasing
}

/** math/bits.Len for a non-negative int. */
function bitsLen(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n)
}

const MASK64 = (1n << 64n) - 1n

/** Go 1.19's sort.xorshift (seeded with the length; shifts 13, 17, 5). */
class XorShift {
  constructor(private state: bigint) {}
  next(): bigint {
    let r = this.state
    r ^= (r << 13n) & MASK64
    r ^= r >> 17n
    r ^= (r << 5n) & MASK64
    this.state = r
    return r
  }
}

function insertionSort(data: LessSwap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1)
  }
}

function siftDown(data: LessSwap, lo: number, hi: number, first: number): void {
  let root = lo
  for (;;) {
    let child = 2 * root + 1
    if (child >= hi) return
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++
    if (!data.less(first + root, first + child)) return
    data.swap(first + root, first + child)
    root = child
  }
}

function heapSort(data: LessSwap, a: number, b: number): void {
  const first = a
  const lo = 0
  const hi = b - a
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, first)
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i)
    siftDown(data, lo, i, first)
  }
}

function pdqsort(data: LessSwap, a: number, b: number, limit: number): void {
  const maxInsertion = 12
  let wasBalanced = true
  let wasPartitioned = true
  for (;;) {
    const length = b - a
    if (length <= maxInsertion) {
      insertionSort(data, a, b)
      return
    }
    if (limit === 0) {
      heapSort(data, a, b)
      return
    }
    if (!wasBalanced) {
      breakPatterns(data, a, b)
      limit--
    }
    let [pivot, hint] = choosePivot(data, a, b)
    if (hint === Hint.Decreasing) {
      reverseRange(data, a, b)
      pivot = b - 1 - (pivot - a)
      hint = Hint.Increasing
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing) {
      if (partialInsertionSort(data, a, b)) return
    }
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot)
      continue
    }
    const [mid, alreadyPartitioned] = partition(data, a, b, pivot)
    wasPartitioned = alreadyPartitioned
    const leftLen = mid - a
    const rightLen = b - mid
    const balanceThreshold = Math.trunc(length / 8)
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold
      pdqsort(data, a, mid, limit)
      a = mid + 1
    } else {
      wasBalanced = rightLen >= balanceThreshold
      pdqsort(data, mid + 1, b, limit)
      b = mid
    }
  }
}

function partition(data: LessSwap, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot)
  let i = a + 1
  let j = b - 1
  while (i <= j && data.less(i, a)) i++
  while (i <= j && !data.less(j, a)) j--
  if (i > j) {
    data.swap(j, a)
    return [j, true]
  }
  data.swap(i, j)
  i++
  j--
  for (;;) {
    while (i <= j && data.less(i, a)) i++
    while (i <= j && !data.less(j, a)) j--
    if (i > j) break
    data.swap(i, j)
    i++
    j--
  }
  data.swap(j, a)
  return [j, false]
}

function partitionEqual(data: LessSwap, a: number, b: number, pivot: number): number {
  data.swap(a, pivot)
  let i = a + 1
  let j = b - 1
  for (;;) {
    while (i <= j && !data.less(a, i)) i++
    while (i <= j && data.less(a, j)) j--
    if (i > j) break
    data.swap(i, j)
    i++
    j--
  }
  return i
}

function partialInsertionSort(data: LessSwap, a: number, b: number): boolean {
  const maxSteps = 5
  const shortestShifting = 50
  let i = a + 1
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++
    if (i === b) return true
    if (b - a < shortestShifting) return false
    data.swap(i, i - 1)
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break
        data.swap(j, j - 1)
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break
        data.swap(j, j - 1)
      }
    }
  }
  return false
}

function breakPatterns(data: LessSwap, a: number, b: number): void {
  const length = b - a
  if (length >= 8) {
    const random = new XorShift(BigInt(length))
    const modulus = 2 ** bitsLen(length)
    const base = a + Math.trunc(length / 4) * 2
    for (let idx = base - 1; idx <= base + 1; idx++) {
      let other = Number(random.next() & BigInt(modulus - 1))
      if (other >= length) other -= length
      data.swap(idx, a + other)
    }
  }
}

function choosePivot(data: LessSwap, a: number, b: number): [number, Hint] {
  const shortestNinther = 50
  const maxSwaps = 4 * 3
  const l = b - a
  const swaps = { n: 0 }
  const q = Math.trunc(l / 4)
  let i = a + q * 1
  let j = a + q * 2
  let k = a + q * 3
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = medianAdjacent(data, i, swaps)
      j = medianAdjacent(data, j, swaps)
      k = medianAdjacent(data, k, swaps)
    }
    j = median(data, i, j, k, swaps)
  }
  if (swaps.n === 0) return [j, Hint.Increasing]
  if (swaps.n === maxSwaps) return [j, Hint.Decreasing]
  return [j, Hint.Unknown]
}

function order2(data: LessSwap, a: number, b: number, swaps: { n: number }): [number, number] {
  if (data.less(b, a)) {
    swaps.n++
    return [b, a]
  }
  return [a, b]
}

function median(data: LessSwap, a: number, b: number, c: number, swaps: { n: number }): number {
  // a, b = order2(a, b); b, c = order2(b, c); a, b = order2(a, b); return b
  const [a1, b1] = order2(data, a, b, swaps)
  const [b2] = order2(data, b1, c, swaps)
  return order2(data, a1, b2, swaps)[1]
}

function medianAdjacent(data: LessSwap, a: number, swaps: { n: number }): number {
  return median(data, a - 1, a, a + 1, swaps)
}

function reverseRange(data: LessSwap, a: number, b: number): void {
  let i = a
  let j = b - 1
  while (i < j) {
    data.swap(i, j)
    i++
    j--
  }
}
