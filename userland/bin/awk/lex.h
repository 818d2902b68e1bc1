/* awk: the tokens of the program text (lex.c), read by parse.c. */
#ifndef AWK_LEX_H
#define AWK_LEX_H
enum {
	T_EOF, T_NEWLINE, T_LBRACE, T_RBRACE, T_LPAREN, T_RPAREN, T_LBRACKET, T_RBRACKET,
	T_SEMI, T_COMMA, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT, T_CARET, T_NOT, T_GT,
	T_LT, T_PIPE, T_QUESTION, T_COLON, T_TILDE, T_DOLLAR, T_ASSIGN, T_ADD_ASSIGN,
	T_SUB_ASSIGN, T_MUL_ASSIGN, T_DIV_ASSIGN, T_MOD_ASSIGN, T_POW_ASSIGN, T_EQ, T_LE, T_GE,
	T_NE, T_NOMATCH, T_INCR, T_DECR, T_APPEND, T_AND, T_OR,
	T_NUMBER, T_STRING, T_ERE, T_NAME, T_FUNC_NAME, T_BUILTIN,
	/* keywords */
	T_BEGIN, T_END, T_FUNCTION, T_IF, T_ELSE, T_WHILE, T_FOR, T_DO, T_BREAK, T_CONTINUE,
	T_NEXT, T_NEXTFILE, T_EXIT, T_RETURN, T_DELETE, T_GETLINE, T_PRINT, T_PRINTF, T_IN
};

typedef struct {
	int type;
	int line;
	int builtin;            /* T_BUILTIN: which */
	double num;
	char *text;             /* T_STRING, T_ERE, T_NAME, T_FUNC_NAME (owned by the lexer) */
	const char *start;      /* where the token began, for rescanning '/' as an ERE */
} Token;

void lex_next(Token *t);
void lex_regex(Token *t);       /* t was '/' or '/=': read it again as an ERE */
const char *token_name(int type);
int lex_peek_getline(void);
#endif
