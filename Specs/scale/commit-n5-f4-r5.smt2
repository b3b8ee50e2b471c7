; Non-blocking atomic commit: 5 processes vote, at most 4 crash, decide after 5 rounds (issue 13).
(set-info :processes 5)
(set-info :crashes 4)
(set-info :rounds 5)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware true)  ; the first round (voting) may be treated differently
(set-info :expect realizable)

; Processes that never crash decide the same value.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))

; Commit only if every process (crashed or not) voted yes.
(define-fun commit-validity () Bool
  (=> (exists ((i Proc)) (and (correct i) (= (decision i) 1)))
      (forall ((j Proc)) (= (input j) 1))))

; If every vote is yes and nobody crashes, commit.
(define-fun abort-validity () Bool
  (=> (and (forall ((i Proc)) (= (input i) 1)) (forall ((i Proc)) (correct i)))
      (forall ((i Proc)) (= (decision i) 1))))

(assert agreement)
(assert commit-validity)
(assert abort-validity)
