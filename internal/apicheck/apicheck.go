// Package apicheck lists the exported API of a Go package from its source,
// one declaration per entry, so that a test can pin the public API of
// rmtsim's library packages (which research scripts embed) in a golden
// file: a change to it then shows in review as a diff of that file, with the
// removed or changed declarations (incompatible for callers) told apart from
// the added ones. DESIGN.md ("Dependencies") suggests guarding the API; this
// does it with the standard library alone (go/parser, go/printer), in the
// spirit of the Go project's own api/ listings (cmd/api), but syntactically:
// types are written as in the source, not resolved.
package apicheck

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Listing returns the exported API of the package in dir (its non-test .go
// files), as sorted entries: "func F(…) …", "method (T) M(…) …" for the
// methods of exported types (parameters unnamed, receivers by type), "type T …" with only the exported fields of
// structs and the exported methods of interfaces, "const C = …" and
// "var V T". Declarations in files with build constraints are included as
// written. It errors when dir holds no Go package or does not parse.
func Listing(dir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var out []string
	files := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if f.Name.Name == "main" {
			continue
		}
		files++
		for _, d := range f.Decls {
			es, err := entries(fset, d)
			if err != nil {
				return nil, fmt.Errorf("apicheck: %s: %v", name, err)
			}
			out = append(out, es...)
		}
	}
	if files == 0 {
		return nil, fmt.Errorf("apicheck: no Go package in %s", dir)
	}
	slices.Sort(out)
	return out, nil
}

// entries returns the exported entries of one top-level declaration.
func entries(fset *token.FileSet, d ast.Decl) ([]string, error) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() {
			return nil, nil
		}
		kind := "func "
		if d.Recv != nil {
			if !recvExported(d.Recv.List[0].Type) {
				return nil, nil
			}
			kind = "method "
		}
		fd := &ast.FuncDecl{Name: d.Name, Type: unnamed(d.Type)}
		if d.Recv != nil {
			fd.Recv = &ast.FieldList{List: []*ast.Field{{Type: d.Recv.List[0].Type}}}
		}
		s, err := render(fset, fd)
		return []string{kind + strings.TrimPrefix(s, "func ")}, err
	case *ast.GenDecl:
		var out []string
		for _, sp := range d.Specs {
			switch sp := sp.(type) {
			case *ast.TypeSpec:
				if !sp.Name.IsExported() {
					continue
				}
				ts := *sp
				ts.Doc, ts.Comment = nil, nil
				ts.Type = exportedOnly(sp.Type)
				s, err := render(fset, &ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{&ts}})
				if err != nil {
					return nil, err
				}
				if s, err = reformat(s); err != nil {
					return nil, err
				}
				out = append(out, s)
			case *ast.ValueSpec:
				for i, n := range sp.Names {
					if !n.IsExported() {
						continue
					}
					vs := &ast.ValueSpec{Names: []*ast.Ident{n}, Type: sp.Type}
					if d.Tok == token.CONST && i < len(sp.Values) {
						vs.Values = []ast.Expr{sp.Values[i]}
					}
					s, err := render(fset, &ast.GenDecl{Tok: d.Tok, Specs: []ast.Spec{vs}})
					if err != nil {
						return nil, err
					}
					out = append(out, s)
				}
			}
		}
		return out, nil
	}
	return nil, nil
}

// unnamed returns the function type t with its parameters and results
// unnamed (as the Go project's api/ listings write them), so that renaming a
// parameter does not change the listing: func(x, dst []float64) becomes
// func([]float64, []float64).
func unnamed(t *ast.FuncType) *ast.FuncType {
	strip := func(fl *ast.FieldList) *ast.FieldList {
		if fl == nil {
			return nil
		}
		out := &ast.FieldList{}
		for _, f := range fl.List {
			for range max(1, len(f.Names)) {
				out.List = append(out.List, &ast.Field{Type: f.Type})
			}
		}
		return out
	}
	return &ast.FuncType{TypeParams: t.TypeParams, Params: strip(t.Params), Results: strip(t.Results)}
}

// recvExported reports whether a method receiver's (or an embedded field's)
// base type is exported.
func recvExported(e ast.Expr) bool {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.IsExported()
		case *ast.SelectorExpr:
			return t.Sel.IsExported()
		default:
			return false
		}
	}
}

// exportedOnly returns a struct or interface type with its unexported
// fields or methods dropped (embedded ones kept when their type name is
// exported), and without comments; other types unchanged.
func exportedOnly(e ast.Expr) ast.Expr {
	keep := func(fl *ast.FieldList) *ast.FieldList {
		if fl == nil {
			return nil
		}
		out := &ast.FieldList{Opening: fl.Opening, Closing: fl.Closing}
		for _, f := range fl.List {
			var names []*ast.Ident
			for _, n := range f.Names {
				if n.IsExported() {
					names = append(names, n)
				}
			}
			switch {
			case len(f.Names) == 0 && recvExported(f.Type):
			case len(names) > 0:
			default:
				continue
			}
			typ := f.Type
			if ft, ok := typ.(*ast.FuncType); ok {
				typ = unnamed(ft)
			}
			out.List = append(out.List, &ast.Field{Names: names, Type: typ, Tag: f.Tag})
		}
		return out
	}
	switch t := e.(type) {
	case *ast.StructType:
		return &ast.StructType{Struct: t.Struct, Fields: keep(t.Fields)}
	case *ast.InterfaceType:
		return &ast.InterfaceType{Interface: t.Interface, Methods: keep(t.Methods)}
	}
	return e
}

// render prints a node as gofmt would, without comments.
func render(fset *token.FileSet, n ast.Node) (string, error) {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, fset, n); err != nil {
		return "", err
	}
	return b.String(), nil
}

// reformat drops the blank lines that the source's comments left in a
// rendered type declaration and formats it again with go/format, so that the
// entry does not depend on the comments or the layout of the source.
func reformat(decl string) (string, error) {
	var b strings.Builder
	b.WriteString("package p\n")
	for line := range strings.SplitSeq(decl, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(strings.TrimPrefix(string(src), "package p\n")), nil
}

// Diff compares a pinned listing with the current one and returns the
// entries that were removed or changed (in old, not in cur: incompatible
// for callers) and those added (in cur, not in old).
func Diff(old, cur []string) (removed, added []string) {
	in := func(s []string) map[string]bool {
		m := make(map[string]bool, len(s))
		for _, e := range s {
			m[e] = true
		}
		return m
	}
	o, c := in(old), in(cur)
	for _, e := range old {
		if !c[e] {
			removed = append(removed, e)
		}
	}
	for _, e := range cur {
		if !o[e] {
			added = append(added, e)
		}
	}
	return removed, added
}
