; Binary consensus without faulty processes but with a lossy link: 3 processes, no crash, 1 round, up to 1 message lost per round.
(set-info :processes 3)
(set-info :faulty 0)
(set-info :losses 1)
(set-info :rounds 1)

; Correct processes decide the same value.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))

; If every process starts with v, every correct process decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))

(assert agreement)
(assert validity)
