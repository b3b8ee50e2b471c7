; n = 63 processes, 62 crashes: more raw executions than a Double holds (about 1.8e308),
; so ggms verify --json writes the counts as the string "inf".
(set-info :processes 63)
(set-info :crashes 62)
(set-info :rounds 1)
(set-info :inputs 1)
(set-info :decisions 1)
(define-fun decides () Bool
  (forall ((i Proc)) (=> (correct i) (= (decision i) 0))))
(assert decides)
