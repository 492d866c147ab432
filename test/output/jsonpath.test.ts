// Cases from client-go util/jsonpath/jsonpath_test.go (kubernetes/client-go, master 2026-07),
// stated over JSON data. kubectl hands the engine JSON-decoded maps, never Go structs, so where
// upstream prints a struct in field order we expect the sorted keys a map prints with.

import {describe, expect, test} from '@jest/globals';
import {goFloat, jsonpath, parseJsonPath} from '../../src/output/jsonpath.ts';

type Case = [name: string, template: string, input: unknown, expected: string];
type ErrorCase = [name: string, template: string, input: unknown, error: string | RegExp];

const run = (template: string, input: unknown, allowMissingKeys = false) => jsonpath(template, input, {allowMissingKeys});

// TestTypesInput
const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [
    {name: 'one', value: 1},
    {name: 'two', value: 2.02},
    {name: 'three', value: 3.03},
    {name: 'four', value: 4.04},
  ],
  structs: [
    {name: 'one', value: 1, type: 'integer'},
    {name: 'two', value: 2.002, type: 'float'},
    {name: 'three', value: 3, type: 'integer'},
    {name: 'four', value: 4.004, type: 'float'},
  ],
};

const typesCases: Case[] = [
  ['boolSlice', '{ .bools }', types, '[true,false,true,false]'],
  ['boolSliceIndex', '{ .bools[0] }', types, 'true'],
  ['boolSliceIndex -1', '{ .bools[-1] }', types, 'false'],
  ['boolSubSlice', '{ .bools[0:2] }', types, 'true false'],
  ['boolSubSliceFirst2', '{ .bools[:2] }', types, 'true false'],
  ['boolSubSliceStep2', '{ .bools[:4:2] }', types, 'true true'],
  ['integerSlice', '{ .integers }', types, '[1,2,3,4]'],
  ['integerSliceIndex', '{ .integers[0] }', types, '1'],
  ['integerSliceIndexReverse', '{ .integers[-2] }', types, '3'],
  ['integerSubSliceFirst2', '{ .integers[0:2] }', types, '1 2'],
  ['integerSubSliceFirst2Alt', '{ .integers[:2] }', types, '1 2'],
  ['integerSubSliceStep2', '{ .integers[:4:2] }', types, '1 3'],
  ['floatSlice', '{ .floats }', types, '[1,2.2,3.3,4]'],
  ['floatSliceIndex', '{ .floats[0] }', types, '1'],
  ['floatSliceIndexReverse', '{ .floats[-2] }', types, '3.3'],
  ['floatSubSliceFirst2', '{ .floats[0:2] }', types, '1 2.2'],
  ['floatSubSliceFirst2Alt', '{ .floats[:2] }', types, '1 2.2'],
  ['floatSubSliceStep2', '{ .floats[:4:2] }', types, '1 3.3'],
  ['stringSlice', '{ .strings }', types, '["one","two","three","four"]'],
  ['stringSliceIndex', '{ .strings[0] }', types, 'one'],
  ['stringSliceIndexReverse', '{ .strings[-2] }', types, 'three'],
  ['stringSubSliceFirst2', '{ .strings[0:2] }', types, 'one two'],
  ['stringSubSliceFirst2Alt', '{ .strings[:2] }', types, 'one two'],
  ['stringSubSliceStep2', '{ .strings[:4:2] }', types, 'one three'],
  ['interfaceSlice', '{ .interfaces }', types, '[true,"one",1,1.1]'],
  ['interfaceSliceIndex', '{ .interfaces[0] }', types, 'true'],
  ['interfaceSliceIndexReverse', '{ .interfaces[-2] }', types, '1'],
  ['interfaceSubSliceFirst2', '{ .interfaces[0:2] }', types, 'true one'],
  ['interfaceSubSliceFirst2Alt', '{ .interfaces[:2] }', types, 'true one'],
  ['interfaceSubSliceStep2', '{ .interfaces[:4:2] }', types, 'true 1'],
  ['mapSlice', '{ .maps }', types, '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]'],
  ['mapSliceIndex', '{ .maps[0] }', types, '{"name":"one","value":1}'],
  ['mapSliceIndexReverse', '{ .maps[-2] }', types, '{"name":"three","value":3.03}'],
  ['mapSubSliceFirst2', '{ .maps[0:2] }', types, '{"name":"one","value":1} {"name":"two","value":2.02}'],
  ['mapSubSliceFirst2Alt', '{ .maps[:2] }', types, '{"name":"one","value":1} {"name":"two","value":2.02}'],
  ['mapSubSliceStepOdd', '{ .maps[::2] }', types, '{"name":"one","value":1} {"name":"three","value":3.03}'],
  ['mapSubSliceStepEven', '{ .maps[1::2] }', types, '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
  [
    'structSlice (as maps: sorted keys)',
    '{ .structs }',
    types,
    '[{"name":"one","type":"integer","value":1},{"name":"two","type":"float","value":2.002},{"name":"three","type":"integer","value":3},{"name":"four","type":"float","value":4.004}]',
  ],
  ['structSliceIndex', '{ .structs[0] }', types, '{"name":"one","type":"integer","value":1}'],
  ['structSliceIndexReverse', '{ .structs[-2] }', types, '{"name":"three","type":"integer","value":3}'],
  ['structSubSliceFirst2', '{ .structs[0:2] }', types, '{"name":"one","type":"integer","value":1} {"name":"two","type":"float","value":2.002}'],
  ['structSubSliceStepOdd', '{ .structs[::2] }', types, '{"name":"one","type":"integer","value":1} {"name":"three","type":"integer","value":3}'],
  ['structSubSliceStepEven', '{ .structs[1::2] }', types, '{"name":"two","type":"float","value":2.002} {"name":"four","type":"float","value":4.004}'],
];

// TestStructInput
const store = {
  Name: 'jsonpath',
  Book: [
    {Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95},
    {Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99},
    {Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99},
  ],
  Bicycle: [
    {Color: 'red', Price: 19.95, IsNew: true},
    {Color: 'green', Price: 20.01, IsNew: false},
  ],
  Labels: {engieer: 10, 'web/html': 15, 'k8s-app': 20},
  Employees: {jason: 'manager', dan: 'clerk'},
};

const storeCases: Case[] = [
  ['plain', 'hello jsonpath', null, 'hello jsonpath'],
  ['recursive', '{..}', [1, 2, 3], '[1,2,3]'],
  ['filter', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
  ['quote', '{"{"}', null, '{'],
  ['union', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
  ['array', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
  ['variable', 'hello {.Name}', store, 'hello jsonpath'],
  ['dict/', '{$.Labels.web/html}', store, '15'],
  ['dict/ jason', '{$.Employees.jason}', store, 'manager'],
  ['dict/ dan', '{$.Employees.dan}', store, 'clerk'],
  ['dict-', '{.Labels.k8s-app}', store, '20'],
  ['nest', '{.Bicycle[*].Color}', store, 'red green'],
  ['allarray', '{.Book[*].Author}', store, 'Nigel Rees Evelyn Waugh Herman Melville'],
  ['allfields', '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', store, '{red 19.95 true} {green 20.01 false} '],
  ['recurfields', '{..Price}', store, '8.95 12.99 8.99 19.95 20.01'],
  ['recurdotfields', '{...Price}', store, '8.95 12.99 8.99 19.95 20.01'],
  ['allstructsSlice', '{.Bicycle}', store, '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
  ['allstructs', '{range .Bicycle[*]}{ @ }{ " " }{end}', store, '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '],
  ['lastarray', '{.Book[-1:]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
  ['recurarray', '{..Book[2]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
  ['bool', '{.Bicycle[?(@.IsNew==true)]}', store, '{"Color":"red","IsNew":true,"Price":19.95}'],
];

const storeErrors: ErrorCase[] = [
  ['superrecurfields', '{............................................................Price}', store, 'invalid multiple recursive descent'],
  ['invalid identifier', '{hello}', store, 'unrecognized identifier hello'],
  ['nonexistent field', '{.hello}', store, 'hello is not found'],
  ['invalid array', '{.Labels[0]}', store, 'map[string]interface {} is not array or slice'],
  ['invalid filter operator', '{.Book[?(@.Price<>10)]}', store, 'unrecognized filter operator <>'],
  ['redundant end', '{range .Labels.*}{@}{end}{end}', store, 'not in range, nothing to end'],
];

const missingKeyCases: Case[] = [
  ['nonexistent field', '{.hello}', store, ''],
  ['nonexistent field 2', 'before-{.hello}after', store, 'before-after'],
];

// TestJSONInput
const points = [
  {id: 'i1', x: 4, y: -5},
  {id: 'i2', x: -2, y: -5, z: 1},
  {id: 'i3', x: 8, y: 3},
  {id: 'i4', x: -6, y: -1},
  {id: 'i5', x: 0, y: 2, z: 1},
  {id: 'i6', x: 1, y: 4},
  {id: 'i7', x: null, y: 4},
];
const pointCases: Case[] = [
  ['exists filter', '{[?(@.z)].id}', points, 'i2 i5'],
  ['bracket key', "{[0]['id']}", points, 'i1'],
  ['nil value', "{[-1]['x']}", points, 'null'],
];

// TestKubernetes
const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: {name: '127.0.0.1', labels: {'kubernetes.io/hostname': '127.0.0.1'}},
      status: {capacity: {cpu: '4'}, ready: true, addresses: [{type: 'LegacyHostIP', address: '127.0.0.1'}]},
    },
    {
      kind: 'None',
      metadata: {name: '127.0.0.2', labels: {'kubernetes.io/hostname': '127.0.0.2'}},
      status: {
        capacity: {cpu: '8'},
        ready: false,
        addresses: [
          {type: 'LegacyHostIP', address: '127.0.0.2'},
          {type: 'another', address: '127.0.0.3'},
        ],
      },
    },
  ],
  users: [
    {name: 'myself', user: {}},
    {name: 'e2e', user: {username: 'admin', password: 'secret'}},
  ],
};
const kubernetesCases: Case[] = [
  ['range item', '{range .items[*]}{.metadata.name}, {end}{.kind}', nodes, '127.0.0.1, 127.0.0.2, List'],
  ['range item with quote', '{range .items[*]}{.metadata.name}{"\\t"}{end}', nodes, '127.0.0.1\t127.0.0.2\t'],
  ['range addresss', '{.items[*].status.addresses[*].address}', nodes, '127.0.0.1 127.0.0.2 127.0.0.3'],
  ['double range', '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', nodes, '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
  ['item name', '{.items[*].metadata.name}', nodes, '127.0.0.1 127.0.0.2'],
  ['union nodes capacity', "{.items[*]['metadata.name', 'status.capacity']}", nodes, '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
  ['range nodes capacity', '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', nodes, '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
  ['user password', '{.users[?(@.name=="e2e")].user.password}', nodes, 'secret'],
  ['hostname', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', nodes, '127.0.0.1'],
  ['hostname filter', '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', nodes, 'None'],
  ['bool item', '{.items[?(@..ready==true)].metadata.name}', nodes, '127.0.0.1'],
  // Upstream sorts this one's words (Go map order is random); ours follows insertion order.
  ['recursive name', '{..name}', nodes, '127.0.0.1 127.0.0.2 myself e2e'],
];

// TestNestedRanges
const pods = {
  items: [
    {
      metadata: {name: 'pod1'},
      spec: {
        containers: [
          {name: 'foo', another: [{name: 'value1'}, {name: 'value2'}]},
          {name: 'bar', another: [{name: 'value1'}, {name: 'value2'}]},
        ],
      },
    },
    {metadata: {name: 'pod2'}, spec: {containers: [{name: 'baz', another: [{name: 'value1'}, {name: 'value2'}]}]}},
  ],
};
const nestedCases: Case[] = [
  ['nested range with a trailing newline', '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', pods, 'pod1:foo,bar,+pod2:baz,+'],
  [
    'nested range with a trailing character within another nested range',
    '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
    pods,
    'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#',
  ],
  [
    'two nested ranges at the same level',
    '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
    pods,
    'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n',
  ],
];

// TestNegativeIndex and TestStep
const containers = (count: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  spec: {containers: Array.from({length: count}, (_, i) => ({image: 'radial/busyboxplus:curl', name: `fake${i}`}))},
});
const four = containers(4);
const six = containers(6);
const indexCases: Case[] = [
  ['containers[0]', '{.spec.containers[0].name}', four, 'fake0'],
  ['containers[0:0] is empty', '{.spec.containers[0:0].name}', four, ''],
  ['containers[0:-1] equals [0:3]', '{.spec.containers[0:-1].name}', four, 'fake0 fake1 fake2'],
  ['containers[-1] equals [3]', '{.spec.containers[-1].name}', four, 'fake3'],
  ['containers[-1:] equals [3:]', '{.spec.containers[-1:].name}', four, 'fake3'],
  ['containers[-2]', '{.spec.containers[-2].name}', four, 'fake2'],
  ['containers[-2:]', '{.spec.containers[-2:].name}', four, 'fake2 fake3'],
  ['containers[-3]', '{.spec.containers[-3].name}', four, 'fake1'],
  ['containers[-4]', '{.spec.containers[-4].name}', four, 'fake0'],
  ['containers[-4:]', '{.spec.containers[-4:].name}', four, 'fake0 fake1 fake2 fake3'],
  ['containers[5:5] is empty', '{.spec.containers[5:5].name}', four, ''],
  ['containers[-5:-5] is empty', '{.spec.containers[-5:-5].name}', four, ''],
  ['step: containers[0:]', '{.spec.containers[0:].name}', six, 'fake0 fake1 fake2 fake3 fake4 fake5'],
  ['step: containers[0:6:]', '{.spec.containers[0:6:].name}', six, 'fake0 fake1 fake2 fake3 fake4 fake5'],
  ['step: containers[0:6:1]', '{.spec.containers[0:6:1].name}', six, 'fake0 fake1 fake2 fake3 fake4 fake5'],
  ['step: containers[1:4:2]', '{.spec.containers[1:4:2].name}', six, 'fake1 fake3'],
  ['step: containers[1:4:3]', '{.spec.containers[1:4:3].name}', six, 'fake1'],
  ['step: containers[1:4:4]', '{.spec.containers[1:4:4].name}', six, 'fake1'],
  ['step: containers[0:6:2]', '{.spec.containers[0:6:2].name}', six, 'fake0 fake2 fake4'],
  ['step: containers[0:6:3]', '{.spec.containers[0:6:3].name}', six, 'fake0 fake3'],
  ['step: containers[0:6:5]', '{.spec.containers[0:6:5].name}', six, 'fake0 fake5'],
  ['step: containers[0:6:6]', '{.spec.containers[0:6:6].name}', six, 'fake0'],
];
const indexErrors: ErrorCase[] = [
  ['containers[-1:0]', '{.spec.containers[-1:0].name}', four, 'starting index 3 is greater than ending index 0'],
  ['containers[-5] out of bounds', '{.spec.containers[-5].name}', four, 'array index out of bounds: index -1, length 4'],
  ['containers[3:1]', '{.spec.containers[3:1].name}', four, 'starting index 3 is greater than ending index 1'],
  ['containers[-1:-2]', '{.spec.containers[-1:-2].name}', four, 'starting index 3 is greater than ending index 2'],
  ['step: containers[0:6:0]', '{.spec.containers[0:6:0].name}', six, 'step must be > 0'],
  ['step: containers[0:6:-1]', '{.spec.containers[0:6:-1].name}', six, 'step must be > 0'],
];

// TestFilterPartialMatchesSometimesMissingAnnotations (kubernetes#45546), TestRunningPodsJSONPathOutput
const annotated = {
  kind: 'List',
  items: [
    {kind: 'Pod', metadata: {name: 'pod1', annotations: {color: 'blue'}}},
    {kind: 'Pod', metadata: {name: 'pod2'}},
    {kind: 'Pod', metadata: {name: 'pod3', annotations: {color: 'green'}}},
    {kind: 'Pod', metadata: {name: 'pod4', annotations: {color: 'blue'}}},
  ],
};
const running = {
  kind: 'List',
  items: [
    {kind: 'Pod', metadata: {name: 'pod1'}, status: {phase: 'Running'}},
    {kind: 'Pod', metadata: {name: 'pod2'}, status: {phase: 'Running'}},
    {kind: 'Pod', metadata: {name: 'pod3'}, status: {phase: 'Running'}},
    {resourceVersion: ''},
  ],
};
const allowMissingCases: Case[] = [
  ...missingKeyCases,
  ['empty range', '{range .items[*]}{.metadata.name}{end}', {items: []}, ''],
  ['empty nested range', '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', {items: []}, ''],
  ['filter tolerates items without annotations', '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', annotated, 'pod1 pod4'],
  ['range over pods without selecting the last one', '{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', running, 'pod1 is Running\npod2 is Running\npod3 is Running\n'],
];

describe('client-go jsonpath_test.go', () => {
  test.each(typesCases)('TestTypesInput %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(storeCases)('TestStructInput %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(storeErrors)('TestStructInput fails: %s', (_name, template, input, error) => {
    expect(() => run(template, input)).toThrow(error);
  });
  test.each(pointCases)('TestJSONInput %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(kubernetesCases)('TestKubernetes %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(nestedCases)('TestNestedRanges %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(indexCases)('TestNegativeIndex/TestStep %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(indexErrors)('TestNegativeIndex/TestStep fails: %s', (_name, template, input, error) => {
    expect(() => run(template, input)).toThrow(error);
  });
  test.each(allowMissingCases)('with AllowMissingKeys(true): %s', (_name, template, input, expected) => {
    expect(run(template, input, true)).toBe(expected);
  });
  test('filter errors on items without the key when missing keys are not allowed', () => {
    expect(() => run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', annotated)).toThrow('annotations is not found');
  });
});

// Parser errors: client-go parser.go messages.
const parseErrors: ErrorCase[] = [
  ['unclosed action', '{.a', {}, 'unclosed action'],
  ['newline in action', '{.a\n}', {}, 'unclosed action'],
  ['unterminated array', '{.a[0}', {}, 'unterminated array'],
  ['unterminated filter', '{.a[?(@.b}', {}, 'unterminated filter'],
  ['unclosed filter', '{.a[?(@.b)x}', {}, 'unclosed array expect ]'],
  ['unterminated quote', '{"abc}', {}, 'unterminated quoted string'],
  ['bad escape', '{"\\q"}', {}, /unquote string "\\q" error invalid syntax/],
  ['bad index', '{.a[x]}', {}, 'invalid array index x'],
  ['double-quoted key is no key', '{.a["b"]}', {}, 'invalid array index "b"'],
  ['not a number', '{.a[-]}', {}, 'array index - is not a number'],
  ['bad number', '{1.2.3}', {}, 'cannot parse number 1.2.3'],
  ['comma outside brackets', '{.a,.b}', {}, "unrecognized character in action: U+002C ','"],
];

// client-go parser_test.go: TestParser asserts node trees; here each template is run instead.
const osImage = (image: string) => ({status: {nodeInfo: {osImage: image}}});
const parserCases: Case[] = [
  ['plain', 'hello jsonpath', {}, 'hello jsonpath'],
  ['variable', 'hello {.jsonpath}', {jsonpath: 'x'}, 'hello x'],
  ['arrayfiled', "hello {['jsonpath']}", {jsonpath: 'x'}, 'hello x'],
  ['quote', '{"{"}', {}, '{'],
  ['array', '{[1:3]}', [0, 1, 2, 3], '1 2'],
  ['allarray', '{.book[*].author}', {book: [{author: 'a'}, {author: 'b'}]}, 'a b'],
  ['wildcard', '{.bicycle.*}', {bicycle: {color: 'red', price: 3}}, 'red 3'],
  ['filter', '{[?(@.price<3)]}', [{price: 1}, {price: 5}], '{"price":1}'],
  ['recursive', '{..}', [1], '[1]'],
  ['recurField', '{..price}', {a: {price: 1}, b: [{price: 2}]}, '1 2'],
  ['arraydict', "{['book.price']}", {book: {price: 3}}, '3'],
  ['union', "{['bicycle.price', 'book.price']}", {bicycle: {price: 1}, book: {price: 2}}, '1 2'],
  ['range (over one value: no [*])', '{range .items}{.name},{end}', {items: {name: 'a'}}, 'a,'],
  ['paired parentheses in quotes', '{[?(@.status.nodeInfo.osImage == "()")]}', [osImage('()'), osImage('x')], '{"status":{"nodeInfo":{"osImage":"()"}}}'],
  ['paired parentheses in double quotes with escaped double quotes', '{[?(@.status.nodeInfo.osImage == "(\\"\\")")]}', [osImage('("")'), osImage('x')], '{"status":{"nodeInfo":{"osImage":"(\\"\\")"}}}'],
  ['unregular parentheses in double quotes', '{[?(@.test == "())(")]}', [{test: '())('}, {test: 'x'}], '{"test":"())("}'],
  ['plain text in single quotes', "{[?(@.status.nodeInfo.osImage == 'Linux')].status.nodeInfo.osImage}", [osImage('Linux'), osImage('x')], 'Linux'],
  ['test filter suffix', '{[?(@.status.nodeInfo.osImage == "{[()]}")].status.nodeInfo.osImage}', [osImage('{[()]}'), osImage('x')], '{[()]}'],
  ['double inside single', '{[?(@.status.nodeInfo.osImage == "\'\'")].status.nodeInfo.osImage}', [osImage("''"), osImage('x')], "''"],
  ['single inside double', "{[?(@.status.nodeInfo.osImage == '\"\"')].status.nodeInfo.osImage}", [osImage('""'), osImage('x')], '""'],
  ['single containing escaped single', "{[?(@.status.nodeInfo.osImage == '\\\\\\'')].status.nodeInfo.osImage}", [osImage("\\'"), osImage('x')], "\\'"],
  ['negative index slice, a[len-5] to a[len-1]', '{[-5:]}', [0, 1, 2, 3, 4, 5], '1 2 3 4 5'],
  ['negative index slice, a[len-1]', '{[-1]}', [0, 1, 2, 3, 4, 5], '5'],
  ['negative index slice, a[1] to a[len-1]', '{[1:-1]}', [0, 1, 2, 3, 4, 5], '1 2 3 4'],
];

// client-go parser_test.go TestFailParser, plus its "malformat input" case.
const failParserCases: ErrorCase[] = [
  ['unclosed action', '{.hello', {}, 'unclosed action'],
  ['unrecognized character', '{*}', {}, "unrecognized character in action: U+002A '*'"],
  ['invalid number', '{+12.3.0}', {}, 'cannot parse number +12.3.0'],
  ['unterminated array', '{[1}', {}, 'unterminated array'],
  ['unterminated filter', '{[?(.price]}', {}, 'unterminated filter'],
  ['invalid multiple recursive descent', '{........}', {}, 'invalid multiple recursive descent'],
  ['malformat input', '{\\\\\\}', {}, "unrecognized character in action: U+005C '\\'"],
];

describe('client-go parser_test.go', () => {
  test.each(parserCases)('TestParser %s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(failParserCases)('TestFailParser %s', (_name, template, _input, error) => {
    expect(() => parseJsonPath(template)).toThrow(error);
  });
});

describe('parser', () => {
  test.each(parseErrors)('%s', (_name, template, input, error) => {
    expect(() => run(template, input)).toThrow(error);
  });
  test('a template is parsed once and run many times', () => {
    const template = parseJsonPath('{.metadata.name}');
    expect(jsonpath(template.source, {metadata: {name: 'a'}})).toBe('a');
  });
});

// Beyond the upstream tables: how kubectl users write templates, and Go's printing and comparisons.
const kubectlCases: Case[] = [
  ['names of all items', '{.items[*].metadata.name}', annotated, 'pod1 pod2 pod3 pod4'],
  ['last item', '{.items[-1:].metadata.name}', annotated, 'pod4'],
  ['not equal', '{.items[?(@.kind!="Pod")].kind}', nodes, 'None None'],
  ['less than', '{.items[?(@.x<0)].id}', {items: points.slice(0, 6)}, 'i2 i4'],
  ['greater or equal', '{.items[?(@.y>=3)].id}', {items: points.slice(0, 6)}, 'i3 i6'],
  ['quoted key with dots is a path, as in kubectl', "{.a['b.c']}", {a: {b: {c: 1}, 'b.c': 2}}, '1'],
  ['escaped dots name one key', '{.a.b\\.c}', {a: {b: {c: 1}, 'b.c': 2}}, '2'],
  ['@ is the whole object', '{@}', {b: 1, a: [1, 2]}, '{"a":[1,2],"b":1}'],
  ['$ too', '{$.a}', {a: 'x'}, 'x'],
  ['tab and newline literals', '{.a}{"\\t"}{.b}{"\\n"}', {a: 1, b: 2}, '1\t2\n'],
  ['single-quoted literal', "{'x'}", {}, 'x'],
  ['literal text around actions', 'name={.a} ok', {a: 'n'}, 'name=n ok'],
  ['numbers and booleans print as Go prints them', '{.a} {.b} {.c} {.d}', {a: 1234567, b: 1234567.5, c: 0.00001, d: false}, '1234567 1.2345675e+06 1e-05 false'],
  ['HTML characters escaped in JSON as Go does', '{.a}', {a: ['<&>']}, '["\\u003c\\u0026\\u003e"]'],
  ['wildcard over map values', '{.labels.*}', {labels: {a: 'x', b: 'y'}}, 'x y'],
  ['range with no results prints nothing', '{range .items[*]}{.x}{end}done', {items: []}, 'done'],
  ['filter on a float needs a float', '{.a[?(@.v>1.5)].n}', {a: [{v: 2.5, n: 'big'}, {v: 0.5, n: 'small'}]}, 'big'],
];
const kubectlErrors: ErrorCase[] = [
  ['null in a comparison', '{.items[?(@.x<0)].id}', {items: points}, 'invalid type for comparison'],
  ['index into an empty list', '{.items[0].metadata.name}', {items: []}, 'array index out of bounds: index 0, length 0'],
  ['integer field against float literal', '{.a[?(@.v>1.5)]}', {a: [{v: 2}]}, 'incompatible types for comparison'],
  ['string against number', '{.a[?(@.v=="1")]}', {a: [{v: 1}]}, 'incompatible types for comparison'],
  ['map in a comparison', '{.a[?(@.v==1)]}', {a: [{v: {}}]}, 'invalid type for comparison'],
  ['filter on a map', '{.a[?(@.v==1)]}', {a: {v: 1}}, 'map[v:1] is not array or slice and cannot be filtered'],
  ['two values compared at once', '{.a[?(@.v[*]==1)]}', {a: [{v: [1, 2]}]}, 'can only compare one element at a time'],
];

describe('kubectl usage', () => {
  test.each(kubectlCases)('%s', (_name, template, input, expected) => {
    expect(run(template, input)).toBe(expected);
  });
  test.each(kubectlErrors)('fails: %s', (_name, template, input, error) => {
    expect(() => run(template, input)).toThrow(error);
  });
  test('jsonpath-as-json prints each action as an indented JSON array', () => {
    expect(jsonpath('{.items[*].metadata.name}', annotated, {outputJson: true})).toBe('[\n    "pod1",\n    "pod2",\n    "pod3",\n    "pod4"\n]\n');
  });
  test.each([
    [1, '1'],
    [0.5, '0.5'],
    [123456.5, '123456.5'],
    [1e6 + 0.5, '1.0000005e+06'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [-2.5e-7, '-2.5e-07'],
  ])('goFloat(%p) is %p', (value, expected) => {
    expect(goFloat(value)).toBe(expected);
  });
});
